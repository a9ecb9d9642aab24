package io.meshwright.engine.plugins;

import io.meshwright.spi.extension.PluginContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Function;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginRuntimeException;

/**
 * Creates extensions the way the SPI promises: through a public constructor taking a {@link PluginContext} when
 * the class has one, otherwise through its public no-argument constructor. A new instance per call; the host
 * calls it once per plugin start and keeps the instances.
 */
final class ContextExtensionFactory implements ExtensionFactory {

    private final Function<Class<?>, PluginContext> contextFor;

    /** {@code contextFor} gives the context of the plugin that owns an extension class. */
    ContextExtensionFactory(Function<Class<?>, PluginContext> contextFor) {
        this.contextFor = contextFor;
    }

    @Override
    public <T> T create(Class<T> extensionClass) {
        try {
            for (Constructor<?> constructor : extensionClass.getConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == PluginContext.class) {
                    return extensionClass.cast(constructor.newInstance(contextFor.apply(extensionClass)));
                }
            }
            return extensionClass.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new PluginRuntimeException(e.getCause(), "extension {} failed in its constructor", extensionClass.getName());
        } catch (NoSuchMethodException e) {
            throw new PluginRuntimeException(e, "extension {} has neither a public ({}) nor a public no-argument constructor",
                    extensionClass.getName(), PluginContext.class.getSimpleName());
        } catch (ReflectiveOperationException e) {
            throw new PluginRuntimeException(e, "cannot create extension {}", extensionClass.getName());
        }
    }
}
