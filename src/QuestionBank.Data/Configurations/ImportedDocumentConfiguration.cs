using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class ImportedDocumentConfiguration : IEntityTypeConfiguration<ImportedDocument>
{
    public void Configure(EntityTypeBuilder<ImportedDocument> builder)
    {
        builder.ToTable("import_documents");
        builder.Property(d => d.DocumentSlug).HasMaxLength(ColumnLengths.DocumentSlug);
        builder.Property(d => d.ContentHash).HasMaxLength(ColumnLengths.Sha256Hex);
        builder.Property(d => d.PreviousContentHash).HasMaxLength(ColumnLengths.Sha256Hex);
        builder.HasIndex(d => d.DocumentSlug);
    }
}
