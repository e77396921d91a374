using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Search;

namespace QuestionBank.Data.Moderation;

/// <summary>Admin actions on single questions, and the admin's view of imports.</summary>
public sealed class QuestionModeration(QuestionBankDbContext db, SearchCatalog search)
{
    /// <summary>How many of the latest imports the admin page and API list.</summary>
    public const int ImportHistoryLength = 50;

    /// <returns>False when no question has the slug.</returns>
    public async Task<bool> SetHiddenAsync(string slug, bool hidden, CancellationToken cancellationToken = default) =>
        Searched(await db.Questions.IgnoreQueryFilters().Where(q => q.Slug == slug)
            .ExecuteUpdateAsync(q => q.SetProperty(x => x.IsHidden, hidden), cancellationToken));

    /// <summary>
    /// An admin's choice of exercise for the question (null: none). It is kept through re-imports of the
    /// document until the document declares an exercise for the question itself.
    /// </summary>
    /// <param name="slug">The question.</param>
    /// <param name="exerciseId">An ExerciseCatalog id, already checked, or null to detach.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>False when no question has the slug.</returns>
    public async Task<bool> SetExerciseAsync(string slug, string? exerciseId, CancellationToken cancellationToken = default) =>
        Searched(await db.Questions.IgnoreQueryFilters().Where(q => q.Slug == slug)
            .ExecuteUpdateAsync(
                q => q.SetProperty(x => x.ExerciseId, exerciseId).SetProperty(x => x.ExerciseSource, ExerciseSource.Admin),
                cancellationToken));

    /// <summary>Deletes the question until its document is imported again.</summary>
    /// <returns>False when no question has the slug.</returns>
    public async Task<bool> DeleteAsync(string slug, CancellationToken cancellationToken = default) =>
        Searched(await db.Questions.IgnoreQueryFilters().Where(q => q.Slug == slug).ExecuteDeleteAsync(cancellationToken));

    private bool Searched(int changedRows)
    {
        search.MarkChanged();
        return changedRows > 0;
    }

    public async Task<IReadOnlyList<HiddenQuestion>> GetHiddenAsync(CancellationToken cancellationToken = default) =>
        await db.Questions.IgnoreQueryFilters().AsNoTracking()
            .Where(q => q.IsHidden)
            .OrderBy(q => q.Slug)
            .Select(q => new HiddenQuestion(q.Slug, q.Title, q.Document.Title))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ImportSummary>> GetImportsAsync(CancellationToken cancellationToken = default) =>
        await db.Imports.AsNoTracking()
            .OrderByDescending(i => i.ImportedAt).ThenByDescending(i => i.Id)
            .Take(ImportHistoryLength)
            .Select(i => new ImportSummary(
                i.Id,
                i.ImportedBy,
                i.ImportedAt,
                i.RolledBackBy,
                i.RolledBackAt,
                i.PrunedAt,
                i.Documents.OrderBy(d => d.Id)
                    .Select(d => new ImportedFileSummary(
                        d.FileName, d.DocumentSlug, d.Title, d.ContentHash, d.PreviousContentHash == null, d.Added, d.Changed, d.Removed))
                    .ToList()))
            .ToListAsync(cancellationToken);
}

public sealed record HiddenQuestion(string Slug, string Title, string DocumentTitle);

public sealed record ImportSummary(
    long Id,
    string ImportedBy,
    DateTimeOffset ImportedAt,
    string? RolledBackBy,
    DateTimeOffset? RolledBackAt,
    DateTimeOffset? PrunedAt,
    IReadOnlyList<ImportedFileSummary> Files);

/// <summary>One file of an import; Created means the import created the document, so rolling back deletes it.</summary>
public sealed record ImportedFileSummary(
    string FileName, string DocumentSlug, string Title, string ContentHash, bool Created, int Added, int Changed, int Removed);
