package dev.embedgate.server.migration;

/** Migrations over HTTP on the embedded default store (Lucene under the data folder). */
class LuceneMigrationFlowTest extends MigrationFlowContract {

    @Override
    protected String storeYaml() {
        return "";
    }
}
