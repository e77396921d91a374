using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Importing;

/// <summary>
/// What import retention takes: the previous versions stored by the imports older than the newest
/// <paramref name="Depth"/>, and the image links no rollback can reach any more.
/// </summary>
public sealed record ImportRetentionPlan(int Depth, IReadOnlyList<long> Imports, int PreviousVersions, long PreviousCharacters, int ImageLinks);

/// <summary>
/// Every import stores the documents it changed as they were before it, so that it can be rolled back.
/// Only the newest imports (a configurable depth) keep them; older ones stay in the history, marked
/// pruned, and can no longer be rolled back. The current version of every document, and the version
/// each remaining rollback restores, keep their images.
/// </summary>
public sealed class ImportRetention(QuestionBankDbContext db, TimeProvider clock)
{
    public async Task<ImportRetentionPlan> PlanAsync(int depth, CancellationToken cancellationToken) =>
        (await PlanWithLinksAsync(depth, cancellationToken)).Plan;

    private async Task<(ImportRetentionPlan Plan, List<long> Links)> PlanWithLinksAsync(int depth, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        var newest = db.Imports.OrderByDescending(i => i.Id).Take(depth).Select(i => i.Id);
        var imports = await db.Imports
            .Where(i => i.PrunedAt == null && !newest.Contains(i.Id))
            .OrderBy(i => i.Id).Select(i => i.Id)
            .ToListAsync(cancellationToken);
        var previous = await db.Set<ImportedDocument>()
            .Where(d => imports.Contains(d.ImportRecordId) && d.PreviousMarkdown != null)
            .GroupBy(_ => 1)
            .Select(all => new { Count = all.Count(), Characters = all.Sum(d => (long)d.PreviousMarkdown!.Length) })
            .SingleOrDefaultAsync(cancellationToken);
        var links = await UnreachableImageLinksAsync(imports, cancellationToken);
        return (new ImportRetentionPlan(depth, imports, previous?.Count ?? 0, previous?.Characters ?? 0, links.Count), links);
    }

    /// <summary>Carries out what <see cref="PlanAsync"/> names, in one transaction; returns the plan.</summary>
    public async Task<ImportRetentionPlan> ApplyAsync(int depth, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (plan, links) = await PlanWithLinksAsync(depth, cancellationToken);
        var ids = plan.Imports.ToArray();
        var now = clock.GetUtcNow();
        await db.Imports.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(i => i.SetProperty(x => x.PrunedAt, now), cancellationToken);
        // The previous content hash stays: it tells the history whether the import created the document.
        await db.Set<ImportedDocument>().Where(d => ids.Contains(d.ImportRecordId))
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.PreviousMarkdown, (string?)null).SetProperty(x => x.PreviousSourceName, (string?)null), cancellationToken);
        await db.DocumentImages.Where(l => links.Contains(l.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.Images.Where(i => !db.DocumentImages.Any(d => d.ImageSha256 == i.Sha256)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return plan;
    }

    /// <summary>
    /// The image links of pruned imports (those already pruned and <paramref name="pruning"/>) that no page
    /// and no rollback can show again. A document shows the images of its newest import that stands, and a
    /// rollback of a kept import restores the version of the newest standing import before it; both are
    /// at most the newest pruned standing import of the document, so the links of older ones go.
    /// </summary>
    private async Task<List<long>> UnreachableImageLinksAsync(IReadOnlyCollection<long> pruning, CancellationToken cancellationToken)
    {
        var pruned = await db.Imports
            .Where(i => i.RolledBackAt == null && (i.PrunedAt != null || pruning.Contains(i.Id)))
            .SelectMany(i => i.Documents.Select(d => new { ImportId = i.Id, d.DocumentSlug }))
            .ToListAsync(cancellationToken);
        var newest = pruned.GroupBy(p => p.DocumentSlug).ToDictionary(g => g.Key, g => g.Max(p => p.ImportId), StringComparer.Ordinal);
        var importIds = pruned.Select(p => p.ImportId).Distinct().ToList();
        var links = await db.DocumentImages
            .Where(l => importIds.Contains(l.ImportRecordId))
            .Join(db.Documents, l => l.DocumentId, d => d.Id, (l, d) => new { l.Id, l.ImportRecordId, d.Slug })
            .ToListAsync(cancellationToken);
        return [.. links.Where(l => newest.TryGetValue(l.Slug, out var keep) && l.ImportRecordId < keep).Select(l => l.Id)];
    }
}
