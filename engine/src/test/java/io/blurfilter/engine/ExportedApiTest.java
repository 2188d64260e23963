package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a library user can call uses only types they can name (issue 19, item 6): every public or
 * protected member of a public class in an exported package takes, returns and throws JDK types or
 * types of exported packages. A type from an unexported package compiles on the class path but not
 * on the module path, where the README's examples must work too.
 */
class ExportedApiTest {
    @Test
    void publicSignaturesUseExportedTypesOnly() throws Exception {
        Path classes = Path.of(Model.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> exported = exportedPackages(classes);
        assertTrue(exported.contains("io.blurfilter.engine"), exported.toString());

        List<String> leaks = new ArrayList<>();
        for (Class<?> c : publicClasses(classes, exported)) {
            for (Member m : publicMembers(c)) {
                for (Class<?> used : m.types) {
                    if (!nameable(used, exported)) {
                        leaks.add(c.getName() + "." + m.name + " uses " + used.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void theCheckSeesATypeFromAnUnexportedPackage() throws Exception {
        Set<String> exported = Set.of("io.blurfilter.engine");
        assertFalse(nameable(io.blurfilter.engine.runtime.LayerOps.class, exported));
        assertTrue(nameable(Model[].class, exported));
        assertTrue(nameable(java.util.List.class, exported));
    }

    private static boolean nameable(Class<?> type, Set<String> exported) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive()) {
            return true;
        }
        String pkg = type.getPackageName();
        return pkg.startsWith("java.") || exported.contains(pkg) && Modifier.isPublic(type.getModifiers());
    }

    private static Set<String> exportedPackages(Path classes) throws IOException {
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in).exports().stream()
                    .filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<Class<?>> publicClasses(Path classes, Set<String> exported) throws IOException {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String relative = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                if (!relative.endsWith(".class") || relative.equals("module-info.class")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                String pkg = name.substring(0, name.lastIndexOf('.'));
                if (!exported.contains(pkg)) {
                    continue;
                }
                Class<?> c = load(name);
                if (isVisibleOutside(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Model.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }

    /** Public, and every enclosing class public too. */
    private static boolean isVisibleOutside(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static final class Member {
        final String name;
        final Set<Class<?>> types = new java.util.LinkedHashSet<>();

        Member(String name) {
            this.name = name;
        }
    }

    private static List<Member> publicMembers(Class<?> c) {
        boolean subclassable = !Modifier.isFinal(c.getModifiers()) && !c.isEnum();
        List<Member> out = new ArrayList<>();
        List<Executable> executables = new ArrayList<>(List.of(c.getDeclaredMethods()));
        executables.addAll(List.of(c.getDeclaredConstructors()));
        for (Executable e : executables) {
            if (e.isSynthetic() || !reachable(e.getModifiers(), subclassable)) {
                continue;
            }
            Member m = new Member(e.getName());
            for (Type t : e.getGenericParameterTypes()) {
                collect(t, m.types);
            }
            for (Type t : e.getGenericExceptionTypes()) {
                collect(t, m.types);
            }
            if (e instanceof Method) {
                collect(((Method) e).getGenericReturnType(), m.types);
            }
            out.add(m);
        }
        for (Field f : c.getDeclaredFields()) {
            if (!f.isSynthetic() && reachable(f.getModifiers(), subclassable)) {
                Member m = new Member(f.getName());
                collect(f.getGenericType(), m.types);
                out.add(m);
            }
        }
        Member supertypes = new Member("(supertypes)");
        collect(c.getGenericSuperclass(), supertypes.types);
        for (Type t : c.getGenericInterfaces()) {
            collect(t, supertypes.types);
        }
        out.add(supertypes);
        return out;
    }

    private static boolean reachable(int modifiers, boolean subclassable) {
        return Modifier.isPublic(modifiers) || subclassable && Modifier.isProtected(modifiers);
    }

    private static void collect(Type t, Set<Class<?>> into) {
        if (t == null) {
            return;
        }
        if (t instanceof Class) {
            into.add((Class<?>) t);
        } else if (t instanceof ParameterizedType) {
            collect(((ParameterizedType) t).getRawType(), into);
            for (Type a : ((ParameterizedType) t).getActualTypeArguments()) {
                collect(a, into);
            }
        } else if (t instanceof GenericArrayType) {
            collect(((GenericArrayType) t).getGenericComponentType(), into);
        } else if (t instanceof WildcardType) {
            for (Type b : ((WildcardType) t).getUpperBounds()) {
                collect(b, into);
            }
            for (Type b : ((WildcardType) t).getLowerBounds()) {
                collect(b, into);
            }
        } else if (t instanceof TypeVariable) {
            for (Type b : ((TypeVariable<?>) t).getBounds()) {
                if (!(b instanceof ParameterizedType) || !List.of(((ParameterizedType) b).getActualTypeArguments()).contains(t)) {
                    collect(b, into);
                } else {
                    collect(((ParameterizedType) b).getRawType(), into); // E extends Enum<E>: no endless descent
                }
            }
        }
    }
}
