namespace ConsultFlow.Engine.Definitions;

/// <summary>The value types a variable, input or form field may have.</summary>
public enum ValueKind
{
    Any,
    String,
    Number,
    Integer,
    Boolean,
    Date,
    DateTime,
    Object,
    Array,
    StringList,
    /// <summary>An agency code from the directory.</summary>
    Agency,
    /// <summary>A list of agency codes.</summary>
    Agencies,
}
