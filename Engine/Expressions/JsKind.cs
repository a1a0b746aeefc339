namespace ConsultFlow.Engine.Expressions;

/// <summary>The six JSON value kinds as JSON Logic distinguishes them.</summary>
internal enum JsKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}
