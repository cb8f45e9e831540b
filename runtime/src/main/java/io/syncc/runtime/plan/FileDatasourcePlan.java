package io.syncc.runtime.plan;

/** A datasource of files: a file, or a folder whose files and sub-folders of files are tables. */
public interface FileDatasourcePlan extends DatasourcePlan {

    /** Absolute path of the file or folder. */
    String path();

    /** The extension a table name may leave out ({@code .csv}, {@code .jsonl}). */
    String extension();
}
