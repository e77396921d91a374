using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> builder)
    {
        builder.ToTable("documents");
        builder.HasIndex(d => d.Slug).IsUnique();
        builder.Property(d => d.Slug).HasMaxLength(ColumnLengths.DocumentSlug);
        builder.Property(d => d.ContentHash).HasMaxLength(ColumnLengths.Sha256Hex);
        builder.HasMany(d => d.Sections).WithOne(s => s.Document).HasForeignKey(s => s.DocumentId);
        builder.HasMany(d => d.Questions).WithOne(q => q.Document).HasForeignKey(q => q.DocumentId);
    }
}
