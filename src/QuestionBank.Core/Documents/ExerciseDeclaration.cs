using Markdig.Syntax;

namespace QuestionBank.Core.Documents;

/// <summary>
/// A question's own choice of exercise: a fenced block whose info string is <c>exercise &lt;id&gt;</c>
/// (its body is free text for people), written at the top level of the question's section. Markdown
/// renderers that know nothing of it still show it as a small code block, so the choice survives them.
/// </summary>
/// <param name="Name">What follows the word <c>exercise</c>, as written (trimmed); <see cref="None"/> means no exercise.</param>
/// <param name="Line">1-based source line of the opening fence.</param>
public sealed record ExerciseDeclaration(string Name, int Line)
{
    /// <summary>The info string's first word.</summary>
    public const string Keyword = "exercise";

    /// <summary>The name that says the question has no exercise, overriding the title fallback.</summary>
    public const string None = "none";

    /// <summary>True when the block says the question has no exercise.</summary>
    public bool IsNone => string.Equals(Name, None, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True for a declaration block: a fence with the info word <c>exercise</c> directly in the document,
    /// not inside a list item, quote or another block, so an example nested in an answer is shown, not read.
    /// </summary>
    public static bool IsDeclaration(Block block) =>
        block is FencedCodeBlock { Parent: MarkdownDocument } fence
        && string.Equals(fence.Info, Keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>Removes the declaration blocks from a parsed document, so a page shows the exercise panel instead.</summary>
    public static void RemoveFrom(MarkdownDocument document)
    {
        foreach (var block in document.Where(IsDeclaration).ToList())
        {
            document.Remove(block);
        }
    }
}
