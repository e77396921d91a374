using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace QuestionBank.Web.Extensions;

/// <summary>
/// Puts the security headers on every response: a Content-Security-Policy under which a page runs
/// only the site's own script files (no inline script, no event-handler attributes, no javascript:
/// URLs), <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: same-origin</c>.
/// An endpoint that sets its own policy (uploaded files: <see cref="UploadedFilePolicy"/>) keeps it.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<RemoteImageOptions> remoteImages)
{
    /// <summary>The policy of a file a user uploaded: shown as an image, it can run nothing, load nothing, and is sandboxed when opened directly.</summary>
    public const string UploadedFilePolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'";

    private static readonly object NonceKey = new();

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        // Written as the response starts rather than now: the exception handler clears a failed
        // response's headers before it renders the error page.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = Policy(nonce, remoteImages.Value.Hosts);
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>The policy, with this response's style nonce and the hosts whose images markdown may load.</summary>
    public static string Policy(string nonce, IEnumerable<string> imageHosts) => string.Join("; ",
        // Anything not named below (fetch and EventSource to the APIs, fonts, frames) only from the site.
        "default-src 'self'",
        // The site's script files only: wwwroot/js, bundled from ClientApp.
        "script-src 'self'",
        // The site's stylesheets, and style elements carrying this response's nonce: CodeMirror 6 mounts
        // its theme as a <style> element (style-mod) and is given the nonce (EditorView.cspNonce), so
        // no 'unsafe-inline' is needed. CodeMirror and Chart.js set element styles through the CSSOM
        // (element.style), which the policy does not govern; the pages have no style attributes.
        $"style-src 'self' 'nonce-{nonce}'",
        // Run images come from /api/runs and imported images from /images; CodeMirror's theme draws lint
        // underlines and special-character markers with data: SVG images. Markdown images on other sites
        // load only from the hosts RemoteImageOptions names (validated as plain host names).
        string.Join(' ', ["img-src 'self' data:", .. imageHosts]),
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'");

    /// <summary>This response's style nonce (see <see cref="Policy"/>).</summary>
    public static string Nonce(HttpContext context) =>
        context.Items[NonceKey] as string
        ?? throw new InvalidOperationException("The security headers middleware is not in the pipeline (UseSecurityHeaders).");
}

public static class SecurityHeadersExtensions
{
    /// <summary>Adds <see cref="SecurityHeadersMiddleware"/>; first in the pipeline, so every response has the headers.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeadersMiddleware>();

    /// <summary>The nonce that lets this response's scripts add style elements (CodeMirror's theme).</summary>
    public static string CspNonce(this HttpContext context) => SecurityHeadersMiddleware.Nonce(context);
}
