using System.ComponentModel.DataAnnotations;

namespace QuestionBank.Web.Extensions;

/// <summary>
/// Bound from <c>QuestionBank:RemoteImages</c>. A markdown image on another site is shown as a link
/// (alt text and host) unless its host is listed here: then it loads directly, and the host is in the
/// Content-Security-Policy's img-src.
/// </summary>
public sealed class RemoteImageOptions : IValidatableObject
{
    public const string SectionName = "QuestionBank:RemoteImages";

    /// <summary>Host names, exactly (no scheme, port, path or wildcard), e.g. <c>images.example.org</c>.</summary>
    public List<string> Hosts { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        // A host goes into the policy header as it is: anything but a plain DNS name could widen or break it.
        Hosts.Where(host => Uri.CheckHostName(host) != UriHostNameType.Dns)
            .Select(host => new ValidationResult($"'{host}' is not a host name; give names such as images.example.org.", [nameof(Hosts)]));
}
