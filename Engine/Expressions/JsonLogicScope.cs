using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// One level of data context. Iterators and <c>try</c> push a scope; <c>val</c> with a leading
/// <c>[n]</c> climbs them. Following json-logic-engine, every pushed scope contributes two levels:
/// an odd level holding iteration metadata (<c>{"index": i}</c>) and an even level holding the
/// enclosing scope's data, so <c>[[1],"index"]</c> is the index and <c>[[2],"x"]</c> the outer data.
/// </summary>
internal sealed class JsonLogicScope
{
    private readonly JsonNode? _data;
    private readonly JsonNode? _current;
    private readonly JsonNode? _accumulator;
    private readonly bool _isReduce;
    private readonly int _index;

    private JsonLogicScope(JsonNode? data, JsonLogicScope? parent, int index, bool isReduce, JsonNode? current, JsonNode? accumulator)
    {
        _data = data;
        Parent = parent;
        _index = index;
        _isReduce = isReduce;
        _current = current;
        _accumulator = accumulator;
    }

    public JsonLogicScope? Parent { get; }

    public static JsonLogicScope Root(JsonNode? data) => new(data, null, -1, false, null, null);

    public static JsonLogicScope ForItem(JsonLogicScope parent, JsonNode? item, int index) => new(item, parent, index, false, null, null);

    // Reduce's {current, accumulator} context is virtual: building a real JsonObject would force a
    // deep copy of both values on every iteration, since a JsonNode can only have one parent.
    public static JsonLogicScope ForReduce(JsonLogicScope parent, JsonNode? current, JsonNode? accumulator, int index) =>
        new(null, parent, index, true, current, accumulator);

    public static JsonLogicScope ForError(JsonLogicScope parent, JsonObject error) => new(error, parent, -1, false, null, null);

    /// <summary>The metadata level of this scope, or null when it is not an iteration.</summary>
    public JsonNode? Metadata() => _index >= 0 ? new JsonObject { ["index"] = _index } : null;

    /// <summary>The whole context as a node; reduce contexts are materialised (copied) only on request.</summary>
    public JsonNode? WholeData() => _isReduce
        ? new JsonObject { ["current"] = JsonLogicTree.Clone(_current), ["accumulator"] = JsonLogicTree.Clone(_accumulator) }
        : _data;

    /// <summary>Follows <paramref name="path"/> from this scope's data; false when a step does not exist.</summary>
    public bool TryResolve(IReadOnlyList<string> path, out JsonNode? value)
    {
        if (path.Count == 0)
        {
            value = WholeData();
            return true;
        }

        if (!_isReduce)
        {
            return TryNavigate(_data, path, 0, out value);
        }

        JsonNode? start;
        switch (path[0])
        {
            case "current":
                start = _current;
                break;
            case "accumulator":
                start = _accumulator;
                break;
            default:
                value = null;
                return false;
        }

        return TryNavigate(start, path, 1, out value);
    }

    /// <summary>Walks object keys and array indexes (given as canonical decimal strings).</summary>
    public static bool TryNavigate(JsonNode? start, IReadOnlyList<string> path, int from, out JsonNode? value)
    {
        var current = start;
        for (var i = from; i < path.Count; i++)
        {
            switch (current)
            {
                case JsonObject obj when obj.TryGetPropertyValue(path[i], out var next):
                    current = next;
                    break;
                case JsonArray array when TryParseIndex(path[i], out var index) && index < array.Count:
                    current = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        value = current;
        return true;
    }

    private static bool TryParseIndex(string key, out int index)
    {
        index = 0;
        if (key.Length == 0 || key.Length > 9 || (key.Length > 1 && key[0] == '0'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            index = (index * 10) + (c - '0');
        }

        return true;
    }
}
