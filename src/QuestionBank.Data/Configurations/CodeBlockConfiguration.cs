using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class CodeBlockConfiguration : IEntityTypeConfiguration<CodeBlock>
{
    public void Configure(EntityTypeBuilder<CodeBlock> builder)
    {
        builder.ToTable("code_blocks");
        builder.HasIndex(c => new { c.QuestionId, c.Position }).IsUnique();
        builder.Property(c => c.Language).HasMaxLength(CodeSample.MaxLanguageLength);
    }
}
