using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Contracts;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class ExerciseRunConfiguration : IEntityTypeConfiguration<ExerciseRun>
{
    public void Configure(EntityTypeBuilder<ExerciseRun> builder)
    {
        builder.ToTable("runs");
        builder.Property(r => r.Id).HasDefaultValueSql("gen_random_uuid()");
        builder.Property(r => r.QuestionSlug).HasMaxLength(ParsedQuestion.MaxSlugLength);
        builder.Property(r => r.Exercise).HasMaxLength(32);
        builder.Property(r => r.Device).HasMaxLength(16);
        // Runs queued before languages existed were C#.
        builder.Property(r => r.Language).HasMaxLength(16).HasDefaultValue(ExerciseLanguages.CSharp);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.ClientKey).HasMaxLength(128);
        builder.Property(r => r.WorkerId).HasMaxLength(ColumnLengths.WorkerId);
        builder.Property(r => r.Metrics).HasMetricsConversion();
        builder.Property(r => r.MessageKey).HasMaxLength(64);
        // Rows written before message keys have none.
        builder.Property(r => r.MessageArguments).HasDefaultValueSql("'{}'");
        builder.Ignore(r => r.Explanation);
        // Named as the rows written before this mapping were (camelCase), so they read back unchanged.
        builder.ComplexCollection(r => r.CompileErrors, errors =>
        {
            errors.ToJson();
            errors.Property(e => e.Line).HasJsonPropertyName("line");
            errors.Property(e => e.Column).HasJsonPropertyName("column");
            errors.Property(e => e.Code).HasJsonPropertyName("code");
            errors.Property(e => e.Message).HasJsonPropertyName("message");
        });
        builder.Property(r => r.CreatedAt).HasDefaultValueSql("now()");
        // The queue: workers take the oldest queued run for a device they have.
        builder.HasIndex(r => new { r.Device, r.CreatedAt }).HasFilter("status = 'queued'");
        builder.HasIndex(r => r.LeaseExpiresAt).HasFilter("status = 'running'");
        builder.HasIndex(r => new { r.QuestionSlug, r.CreatedAt });
        builder.HasIndex(r => new { r.ClientKey, r.Status });
        // A learner's runs go with the account; "my runs" lists them newest first.
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.AccountId, r.CreatedAt });
        // Judged runs of learners waiting to count as a review (RunReviewCredits).
        builder.HasIndex(r => r.FinishedAt).HasFilter("account_id IS NOT NULL AND goals_met AND review_credited_at IS NULL");
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Images).WithOne().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
