using Microsoft.AspNetCore.Antiforgery;

namespace QuestionBank.Web.Extensions;

/// <summary>
/// Antiforgery for JSON endpoints: ASP.NET Core checks the token by itself only where a form is
/// bound. A script sends the token of <c>GET /api/account/antiforgery</c> in its header.
/// </summary>
public static class AntiforgeryFilter
{
    public static TBuilder RequireAntiforgery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
            // GET and HEAD always pass: they change nothing.
            return await antiforgery.IsRequestValidAsync(context.HttpContext)
                ? await next(context)
                : TypedResults.Problem(
                    title: "Missing or invalid antiforgery token",
                    detail: "Send the token of GET /api/account/antiforgery in its header; get a new one after signing in or out.",
                    statusCode: StatusCodes.Status400BadRequest);
        });
}
