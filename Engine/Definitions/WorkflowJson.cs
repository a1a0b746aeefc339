using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsultFlow.Engine.Definitions;

/// <summary>The one set of JSON options used for definitions, persisted state and the API.</summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Keep Chinese text readable in stored JSON and exports.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // {"agency":"scjg","agency":"zrzy"} means different things to different parsers: refuse it everywhere.
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Parses a definition; a missing structural field is a <see cref="JsonException"/> naming where.</summary>
    public static WorkflowDefinition ParseDefinition(string json)
    {
        WorkflowDefinition? definition;
        try { definition = JsonSerializer.Deserialize<WorkflowDefinition>(json, Options); }
        catch (ArgumentException e) { throw DuplicateKey(e); }
        if (definition is null) throw new JsonException("A workflow definition must be a JSON object.");
        Require(definition.Id, "id");
        Require(definition.Name, "name");
        EnsureComplete(definition.Flowchart, "flowchart");
        for (var i = 0; i < definition.Variables.Count; i++) Require(definition.Variables[i]?.Name, $"variables[{i}].name");
        for (var i = 0; i < definition.Inputs.Count; i++) Require(definition.Inputs[i]?.Name, $"inputs[{i}].name");
        return definition;
    }

    // Positional records accept missing members as null, so the structure is checked here once, not everywhere.
    private static void EnsureComplete(Flowchart? flowchart, string path)
    {
        Require(flowchart, path);
        Require(flowchart!.Activities, $"{path}.activities");
        Require(flowchart.Connections, $"{path}.connections");
        for (var i = 0; i < flowchart.Activities.Count; i++)
        {
            var activity = flowchart.Activities[i];
            Require(activity, $"{path}.activities[{i}]");
            Require(activity.Inputs, $"{path}.activities[{i}].inputs");
            if (activity.Body is not null) EnsureComplete(activity.Body, $"{path}.activities[{i}].body");
        }
        for (var i = 0; i < flowchart.Connections.Count; i++)
        {
            var connection = flowchart.Connections[i];
            Require(connection, $"{path}.connections[{i}]");
            Require(connection.Source, $"{path}.connections[{i}].source");
            Require(connection.Outcome, $"{path}.connections[{i}].outcome");
            Require(connection.Target, $"{path}.connections[{i}].target");
        }
    }

    private static void Require(object? value, string path)
    {
        if (value is null) throw new JsonException(Text.Bilingual.Say($"缺少“{path}”。", $"'{path}' is required."), path, null, null);
    }

    /// <summary>A JSON object that repeats a key fails in the dictionary it is read into (e.g. a JsonObject's).</summary>
    public static JsonException DuplicateKey(ArgumentException e) =>
        new(Text.Bilingual.Say("同一对象中出现了重复的键。", "A JSON object repeats a key."), e);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
