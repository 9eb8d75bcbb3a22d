package tripwire.engine.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense ids for the names of one namespace (assets, markets or oracle sources), in order of first
 * registration. Not thread-safe; read-only once a scenario is parsed.
 */
public final class NameRegistry
{
    /** The id sent for a name that was never registered: the engine rejects it as unknown. */
    public static final int UNKNOWN = -1;

    private final Map<String, Integer> idByName = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The name's id, registering it if new. */
    public int register(final String name)
    {
        return idByName.computeIfAbsent(name, n ->
        {
            names.add(n);
            return names.size() - 1;
        });
    }

    /** The name's id, or {@link #UNKNOWN}. */
    public int idOf(final String name)
    {
        return idByName.getOrDefault(name, UNKNOWN);
    }

    /** The name with this id, or {@code "#id"} when there is none. */
    public String nameOf(final int id)
    {
        return id >= 0 && id < names.size() ? names.get(id) : "#" + id;
    }

    public int size()
    {
        return names.size();
    }
}
