// hostile: submits a classifier whose output has the wrong shape
// exercise: cnn
// expect: failed
// module: Misshapen
return ones(input.shape[0] * 10);
