namespace ConsultFlow.Web.Tests.Infrastructure;

/// <summary>
/// All browser tests share one server and one browser and run one after another (two cores: parallel browsers would
/// only slow each other down). Put <c>[Collection(WebCollection.Name)]</c> on a test class and take <see cref="WebApp"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebApp>
{
    public const string Name = "web";
}
