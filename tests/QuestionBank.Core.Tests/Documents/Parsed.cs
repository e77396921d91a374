using System.Text;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Tests.Rendering;

namespace QuestionBank.Core.Tests.Documents;

/// <summary>Documents read by the app's parser over the app's one shared pipeline, from markdown text or from a file.</summary>
internal static class Parsed
{
    public static readonly MarkdownDocumentParser Parser = new(Rendered.Pipeline);

    public static ParsedDocument Text(string markdown, string name = "sample.md") =>
        Parser.Parse(name, Encoding.UTF8.GetBytes(markdown));

    public static ParsedDocument File(string path) =>
        Parser.Parse(Path.GetFileName(path), System.IO.File.ReadAllBytes(path));
}
