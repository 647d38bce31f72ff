package io.backupscheduler.console;

import io.backupscheduler.backup.BackupCatalogue;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.lib.archive.FileIndex;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** One directory of a backup point (or the files a name search found under it), a page at a time. */
public class CatalogueLazyDataModel extends LazyDataModel<CatalogueRow> {
    private final BackupCatalogue catalogue; // a CDI client proxy: serializable with the view
    private final long pointId;
    private final String directory;
    private final String query;
    private transient List<CatalogueRow> shown = List.of();

    CatalogueLazyDataModel(BackupCatalogue catalogue, long pointId, String directory, String query) {
        this.catalogue = catalogue;
        this.pointId = pointId;
        this.directory = directory;
        this.query = query;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        try {
            return (int) page(new PageRequest(0, 1, List.of())).total();
        } catch (ConflictException | NoSuchEntityException e) { // the manifest went missing, the point was removed
            return 0;
        }
    }

    @Override
    public List<CatalogueRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        try {
            Page<FileIndex.Item> page = page(PageRequest.ofOffset(first, Math.max(1, Math.min(pageSize, PageRequest.MAX_SIZE)), List.of()));
            setRowCount((int) page.total());
            shown = page.items().stream().map(CatalogueRow::new).toList();
        } catch (ConflictException | NoSuchEntityException e) {
            FormMessages.globalError(e.getMessage());
            setRowCount(0);
            shown = List.of();
        }
        return shown;
    }

    @Override
    public String getRowKey(CatalogueRow row) {
        return row.getPath();
    }

    @Override
    public CatalogueRow getRowData(String rowKey) {
        return (shown == null ? List.<CatalogueRow>of() : shown).stream().filter(r -> r.getPath().equals(rowKey)).findFirst().orElse(null);
    }

    private Page<FileIndex.Item> page(PageRequest request) {
        return catalogue.files(pointId, directory, query, request);
    }
}
