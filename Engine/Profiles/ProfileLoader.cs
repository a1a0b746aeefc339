using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Profiles;

/// <summary>
/// Reads a profile from <c>{folder}/{name}.json</c>, laid over the profile it is based on: objects merge key by key
/// (so a regional profile overrides one deadline rule and keeps the rest), anything else is replaced.
/// </summary>
public static class ProfileLoader
{
    public static DeploymentProfile Load(string folder, string name)
    {
        var merged = LoadMerged(folder, name, depth: 0);
        return merged.Deserialize<DeploymentProfile>(WorkflowJson.Options)
            ?? throw new InvalidDataException($"Profile '{name}' is empty.");
    }

    private static JsonObject LoadMerged(string folder, string name, int depth)
    {
        if (depth > 8) throw new InvalidDataException($"Profile '{name}' is based on itself, or nested too deep.");
        var path = Path.Combine(folder, $"{name}.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"There is no deployment profile '{name}' ({path}).", path);
        var own = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"Profile file {path} must hold a JSON object.");
        if (own["basedOn"]?.GetValue<string>() is not { } parent) return own;
        var merged = LoadMerged(folder, parent, depth + 1);
        Merge(merged, own);
        return merged;
    }

    private static void Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides.ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing) Merge(existing, child);
            else target[key] = value?.DeepClone();
        }
    }
}
