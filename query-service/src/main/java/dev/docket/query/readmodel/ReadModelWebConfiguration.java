package dev.docket.query.readmodel;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ReadModelWebConfiguration implements WebMvcConfigurer {

    private final ReadModelProgress progress;

    ReadModelWebConfiguration(ReadModelProgress progress) {
        this.progress = progress;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ReadModelHeaders(progress)).addPathPatterns("/api/**");
    }
}
