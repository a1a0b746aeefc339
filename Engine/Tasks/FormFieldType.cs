namespace ConsultFlow.Engine.Tasks;

public enum FormFieldType
{
    Text,
    LongText,
    Number,
    Boolean,
    Date,
    DateTime,
    /// <summary>One agency code from the directory.</summary>
    Agency,
    /// <summary>Several agency codes.</summary>
    Agencies,
    /// <summary>The id of an uploaded attachment (or a list of them when <see cref="FormField.Multiple"/>).</summary>
    File,
    Choice,
}
