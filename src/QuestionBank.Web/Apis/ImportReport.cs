using Microsoft.Extensions.Localization;
using QuestionBank.Data.Importing;
using QuestionBank.Web.Localization;

namespace QuestionBank.Web.Apis;

/// <summary>
/// What <c>POST /api/admin/imports</c> answers: the <see cref="ImportOutcome"/>, each warning and skip reason in the
/// request's language beside its key (an ImportMessages key) and arguments, for clients that show it in another.
/// </summary>
public sealed record ImportReport(long? ImportId, bool DryRun, IReadOnlyList<DocumentReport> Documents, IReadOnlyList<SkippedReport> Skipped)
{
    public static ImportReport Of(ImportOutcome outcome, IStringLocalizer text) => new(
        outcome.ImportId,
        outcome.DryRun,
        [.. outcome.Documents.Select(document => new DocumentReport(
            document.FileName, document.Slug, document.Title, document.Status, document.Added, document.Changed, document.Removed,
            [.. document.Warnings.Select(warning => new WarningReport(warning.Line, text.Show(warning.Message), warning.Message.Key, warning.Message.Arguments))],
            document.Exercises))],
        [.. outcome.Skipped.Select(skipped => new SkippedReport(skipped.FileName, text.Show(skipped.Reason), skipped.Reason.Key, skipped.Reason.Arguments))]);
}

/// <summary>One document's outcome (see <see cref="DocumentImportResult"/>), its warnings in the request's language.</summary>
public sealed record DocumentReport(
    string FileName, string Slug, string Title, DocumentImportStatus Status, int Added, int Changed, int Removed,
    IReadOnlyList<WarningReport> Warnings, IReadOnlyList<QuestionExercise> Exercises);

public sealed record WarningReport(int Line, string Message, string? MessageKey, IReadOnlyList<string> MessageArguments);

public sealed record SkippedReport(string FileName, string Reason, string? ReasonKey, IReadOnlyList<string> ReasonArguments);
