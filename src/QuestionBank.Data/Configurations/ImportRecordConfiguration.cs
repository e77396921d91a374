using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> builder)
    {
        builder.ToTable("imports");
        builder.Property(i => i.ImportedBy).HasMaxLength(256);
        builder.Property(i => i.RolledBackBy).HasMaxLength(256);
        builder.HasIndex(i => i.ImportedAt);
        builder.HasMany(i => i.Documents).WithOne().HasForeignKey(d => d.ImportRecordId);
    }
}
