package org.edgebench.launch;

import org.openjdk.jmh.runner.options.Options;

import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * The user's JMH options without their benchmark regexps. JMH's {@code OptionsBuilder} adds a
 * parent's includes to its own, so a run of one configuration that inherits the command line
 * would also run every other benchmark the user's regexp matches. Serializable, as JMH sends the
 * options to each fork.
 */
final class WithoutIncludes implements InvocationHandler, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Options delegate;

    private WithoutIncludes(Options delegate) {
        this.delegate = delegate;
    }

    static Options of(Options options) {
        return (Options) Proxy.newProxyInstance(Options.class.getClassLoader(), new Class<?>[] {Options.class},
                new WithoutIncludes(options));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("getIncludes") && method.getParameterCount() == 0) {
            return List.of();
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
