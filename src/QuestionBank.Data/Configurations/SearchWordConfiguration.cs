using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class SearchWordConfiguration : IEntityTypeConfiguration<SearchWord>
{
    public void Configure(EntityTypeBuilder<SearchWord> builder)
    {
        builder.ToTable("search_words");
        builder.HasKey(w => w.Word);
        builder.Property(w => w.Word).HasMaxLength(Importing.SearchWords.MaxWordLength);
    }
}
