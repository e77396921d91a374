// hostile: submits a model whose forward throws when the judge calls it
// exercise: cnn
// expect: failed
// module: Broken
throw new InvalidOperationException("no forward for you");
