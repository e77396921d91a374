using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class DocumentImageConfiguration : IEntityTypeConfiguration<DocumentImage>
{
    public void Configure(EntityTypeBuilder<DocumentImage> builder)
    {
        builder.ToTable("document_images");
        builder.Property(i => i.Path).HasMaxLength(DocumentImage.MaxPathLength);
        builder.HasIndex(i => new { i.DocumentId, i.ImportRecordId });
        builder.HasIndex(i => i.ImageSha256);
        builder.HasOne<Document>().WithMany(d => d.Images).HasForeignKey(i => i.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ImportRecord>().WithMany(r => r.Images).HasForeignKey(i => i.ImportRecordId).OnDelete(DeleteBehavior.Cascade);
        // An image goes only when no document shows it any more (the importer deletes it then).
        builder.HasOne(i => i.Image).WithMany().HasForeignKey(i => i.ImageSha256).OnDelete(DeleteBehavior.Restrict);
    }
}
