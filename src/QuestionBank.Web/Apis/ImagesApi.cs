using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using QuestionBank.Data.Queries;
using QuestionBank.Web.Extensions;

namespace QuestionBank.Web.Apis;

/// <summary>
/// Imported images at stable, content-addressed URLs (<c>/images/{sha256}.{ext}</c>): the bytes behind
/// a URL never change, so they are cached for a year as immutable.
/// </summary>
public static class ImagesApi
{
    private const string Prefix = "/images";

    public static RouteGroupBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        var images = app.MapGroup(Prefix).WithTags("Images");
        images.MapGet("/{sha256:length(64)}.{extension:alpha:maxlength(4)}", GetImage);
        return images;
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> GetImage(
        string sha256, string extension, QuestionQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var image = await queries.GetImageAsync(sha256, extension, cancellationToken);
        if (image is null)
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        // An SVG opened on its own is a document that could run script: the sandbox stops it.
        headers.ContentSecurityPolicy = SecurityHeadersMiddleware.UploadedFilePolicy;
        return TypedResults.File(image.Content, image.ContentType, entityTag: new EntityTagHeaderValue($"\"{image.Sha256}\""));
    }

    /// <summary>A document's images (path to stable file name, from <see cref="QuestionQueries"/>) as the URLs the page shows.</summary>
    public static IReadOnlyDictionary<string, string> Urls(IReadOnlyDictionary<string, string> files) =>
        files.ToDictionary(file => file.Key, file => $"{Prefix}/{file.Value}", StringComparer.Ordinal);
}
