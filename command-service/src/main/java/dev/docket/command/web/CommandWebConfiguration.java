package dev.docket.command.web;

import dev.docket.events.AttachmentId;
import dev.docket.events.CalendarId;
import dev.docket.events.CommentId;
import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import dev.docket.support.security.Caller;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * What the command API binds once, for every endpoint: typed ids from path variables (a malformed one is a
 * validation failure naming the parameter), the expected version from {@code If-Match}, and the caller from the
 * bearer token. The API documents show ids as UUID strings and leave the bound-by-us parameters out (the shared
 * OpenAPI customisation declares the headers they come from).
 */
@Configuration(proxyBeanMethods = false)
class CommandWebConfiguration implements WebMvcConfigurer {

    static {
        SpringDocUtils.getConfig()
                .replaceWithSchema(TicketId.class, uuid())
                .replaceWithSchema(UserId.class, uuid())
                .replaceWithSchema(AttachmentId.class, uuid())
                .replaceWithSchema(CommentId.class, uuid())
                .addRequestWrapperToIgnore(ExpectedVersion.class, Caller.class);
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, TicketId.class, TicketId::parse);
        registry.addConverter(String.class, UserId.class, UserId::parse);
        registry.addConverter(String.class, AttachmentId.class, AttachmentId::parse);
        registry.addConverter(String.class, CalendarId.class, CalendarId::parse);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new BoundOnce());
    }

    private static StringSchema uuid() {
        return (StringSchema) new StringSchema().format("uuid");
    }

    /**
     * The expected version from {@code If-Match}, and the authenticated caller: the bearer token's subject and roles,
     * never anything the request body says.
     */
    private static final class BoundOnce implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == ExpectedVersion.class || parameter.getParameterType() == Caller.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                      NativeWebRequest request, WebDataBinderFactory binders) {
            return parameter.getParameterType() == Caller.class ? Caller.current()
                    : ExpectedVersion.of(request.getHeader(ExpectedVersion.IF_MATCH));
        }
    }
}
