package io.blurfilter.converter.paddle;

/** Test helper for the fuzz test: a valid .pdiparams for a legacy program's own parameters. */
public final class FuzzSeeds {
    private FuzzSeeds() {}

    public static byte[] paramsFor(byte[] legacyProgram) throws Exception {
        PaddleProgram p = LegacyProgramReader.read("inference.pdmodel", legacyProgram);
        return PdiparamsWriter.randomFile(p, PdiparamsWriter.randomWeights(p, 1));
    }
}
