package io.blurfilter.cli;

import io.blurfilter.cli.report.HtmlReport;
import io.blurfilter.cli.report.ReportData;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writing the files a command produces, with errors that name the file and the problem. */
final class Outputs {
    private Outputs() {}

    /**
     * The file and the problem, e.g. {@code out/r.html: permission denied}. The JDK's own message
     * is the bare path for several of these, which reads like no reason at all.
     */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() == null) {
            String problem = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or folder"
                    : e instanceof FileAlreadyExistsException ? "exists and is not a folder"
                    : e.getClass().getSimpleName();
            return f.getFile() + ": " + problem;
        }
        return e.getMessage();
    }

    /** Refuses, before any work is done, a report that could not be written at the end. */
    static void requireReportWritable(Path file) throws FatalException {
        try {
            HtmlReport.checkWritable(file);
        } catch (IOException e) {
            throw new FatalException("cannot write the report " + file + ": " + describe(e)
                    + "; nothing was scanned", e);
        }
    }

    static void writeReport(Path file, ReportData report) throws FatalException {
        try {
            HtmlReport.write(file, report);
        } catch (IOException e) {
            throw new FatalException("cannot write the report " + file + ": " + describe(e), e);
        }
    }
}
