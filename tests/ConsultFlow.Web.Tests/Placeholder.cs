namespace ConsultFlow.Web.Tests;

// Replaced by the browser tests of the designer and the workbench.
internal static class Placeholder;
