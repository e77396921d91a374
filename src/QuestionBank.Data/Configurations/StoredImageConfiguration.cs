using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class StoredImageConfiguration : IEntityTypeConfiguration<StoredImage>
{
    public void Configure(EntityTypeBuilder<StoredImage> builder)
    {
        builder.ToTable("images");
        builder.HasKey(i => i.Sha256);
        builder.Property(i => i.Sha256).HasMaxLength(ColumnLengths.Sha256Hex);
        builder.Property(i => i.Extension).HasMaxLength(8);
        builder.Property(i => i.ContentType).HasMaxLength(40);
    }
}
