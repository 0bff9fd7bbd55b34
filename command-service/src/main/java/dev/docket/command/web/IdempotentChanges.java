package dev.docket.command.web;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/** Runs every {@link IdempotentChange} method through the {@link ChangeRunner}. */
@Aspect
@Component
class IdempotentChanges {

    private final ChangeRunner runner;

    IdempotentChanges(ChangeRunner runner) {
        this.runner = runner;
    }

    @Around("@annotation(dev.docket.command.web.IdempotentChange)")
    Object change(ProceedingJoinPoint call) {
        var request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        return runner.run(request, canonicalRequest(call), () -> proceed(call));
    }

    private static Object canonicalRequest(ProceedingJoinPoint call) {
        Method method = ((MethodSignature) call.getSignature()).getMethod();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof RequestBody && call.getArgs()[i] != null) {
                    return call.getArgs()[i];
                }
            }
        }
        return method.getName();
    }

    private static ResponseEntity<?> proceed(ProceedingJoinPoint call) {
        try {
            return (ResponseEntity<?>) call.proceed();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
