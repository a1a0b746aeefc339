namespace ConsultFlow.Engine.Runtime;

/// <summary>What an activity input holds; the designer picks an editor by it and validation checks literals by it.</summary>
public enum InputKind
{
    Any,
    Text,
    LongText,
    Number,
    Integer,
    Boolean,
    /// <summary>A JSON Logic rule whose truthiness decides something.</summary>
    Condition,
    /// <summary>A JSON Logic rule or literal producing any value.</summary>
    Json,
    StringList,
    Choice,
    /// <summary>A period such as {"amount": 3, "unit": "workingDays"} with an optional legal basis.</summary>
    Duration,
    FormSchema,
    Agency,
    Agencies,
    Role,
    /// <summary>The name of a workflow variable.</summary>
    Variable,
    /// <summary>The id of another workflow definition.</summary>
    Definition,
    /// <summary>A list of outcome names (with optional labels).</summary>
    Outcomes,
    /// <summary>A list of {outcome, condition} cases.</summary>
    Cases,
}
