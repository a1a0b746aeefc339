namespace ConsultFlow.Server.Features.Documents;

/// <summary>The formal documents of a case (.docx from templates), downloadable from the case page.</summary>
public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app) { }
}
