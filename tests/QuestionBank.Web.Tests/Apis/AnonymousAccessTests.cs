using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace QuestionBank.Web.Tests.Apis;

/// <summary>
/// The APIs behind sign-in, the learner's own things (MapLearnerGroup) and the admin's, turn anonymous
/// callers away: every route the app maps under their prefixes, so a route added later is checked too.
/// </summary>
public sealed class AnonymousAccessTests(SeededApp app) : SharedAppTestBase(app)
{
    private static readonly string[] SignedInPrefixes = ["/api/me", "/api/reviews", "/api/admin"];

    [Fact]
    public async Task EveryRouteOfTheLearnerAndAdminApisAnswersAnonymousCallers401()
    {
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => SignedInPrefixes.Any(prefix => endpoint.RoutePattern.RawText!.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(endpoint => endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Select(method => (method, Path(endpoint.RoutePattern))))
            .ToList();
        Assert.Contains(("GET", "/api/me/progress"), routes);
        Assert.Contains(("POST", "/api/admin/imports/1/rollback"), routes);

        var client = App.CreateBrowserLikeClient();
        foreach (var (method, path) in routes)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}");
        }
    }

    /// <summary>The route with every parameter given as "1", which is a slug, a name and an id alike.</summary>
    private static string Path(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "1",
        }))));
}
