using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace QuestionBank.Web.Localization;

/// <summary>The words the scripts show (ClientApp/src/text.js), sent with every page in its language.</summary>
public static class ClientText
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "Queued", "Running", "Finished", "Failed", "Compile error", "Timed out", "Memory limit", "Cancelled", "Server busy",
        "Goal met", "Goal not met", "Output", "Permanent run page →", "line {0}, column {1}:", "goal {0}",
        "queue position {0}", "No sandbox worker is online; the run starts when one is.", "The run was refused",
        "step", "loss", "metric", "Full screen", "Exit full screen", "Term", "C# source", "Python source", "{0} s",
    ];

    /// <summary>The keys and their text as a JSON object; the encoder escapes &lt; and &amp;, so it is safe inside a script element.</summary>
    public static string Json(IStringLocalizer text) =>
        JsonSerializer.Serialize(Keys.ToDictionary(key => key, key => text[key].Value));
}
