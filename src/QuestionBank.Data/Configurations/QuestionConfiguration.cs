using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Importing;

namespace QuestionBank.Data.Configurations;

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    // The tokeniser already bigrams Chinese and isolates Latin words; the english configuration
    // stems the Latin words and leaves the bigrams as they are.
    private const string TitleVectorSql = "to_tsvector('english'::regconfig, search_title)";

    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("questions");
        builder.HasIndex(q => q.Slug).IsUnique();
        builder.Property(q => q.Slug).HasMaxLength(300);
        builder.HasIndex(q => new { q.DocumentId, q.Position });
        builder.HasIndex(q => q.Kind);
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.ExerciseId).HasMaxLength(ExerciseAssignments.MaxIdLength);
        builder.Property(q => q.ExerciseSource).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(q => q.ExerciseId);
        builder.Property(q => q.SearchVector)
            .HasComputedColumnSql(
                $"setweight({TitleVectorSql}, 'A') || setweight(to_tsvector('english'::regconfig, search_body), 'B')",
                stored: true);
        builder.Property(q => q.TitleVector).HasComputedColumnSql(TitleVectorSql, stored: true);
        builder.HasIndex(q => q.SearchVector).HasMethod("GIN");
        builder.HasIndex(q => q.TitleVector).HasMethod("GIN");
        // Readers never see hidden questions; the importer and the admin area opt out with IgnoreQueryFilters.
        builder.HasQueryFilter(q => !q.IsHidden);
        builder.HasMany(q => q.Parts).WithOne().HasForeignKey(p => p.QuestionId);
        builder.HasMany(q => q.CodeBlocks).WithOne().HasForeignKey(c => c.QuestionId);
    }
}
