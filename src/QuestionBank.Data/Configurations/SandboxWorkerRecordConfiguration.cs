using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class SandboxWorkerRecordConfiguration : IEntityTypeConfiguration<SandboxWorkerRecord>
{
    public void Configure(EntityTypeBuilder<SandboxWorkerRecord> builder)
    {
        builder.ToTable("sandbox_workers");
        builder.Property(w => w.Id).HasMaxLength(ColumnLengths.WorkerId);
        builder.HasIndex(w => w.LastSeenAt);
    }
}
