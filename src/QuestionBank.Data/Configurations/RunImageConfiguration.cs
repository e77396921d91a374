using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class RunImageConfiguration : IEntityTypeConfiguration<RunImage>
{
    public void Configure(EntityTypeBuilder<RunImage> builder)
    {
        builder.ToTable("run_images");
        builder.HasKey(i => new { i.RunId, i.Name });
        builder.Property(i => i.Name).HasMaxLength(100);
    }
}
