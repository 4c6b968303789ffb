import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.RDFDataMgr;

/** Load one RDF dataset file, then run each query file given and write its results as SPARQL JSON beside it
 *  (QUERY.rq -> QUERY.json): one JVM start for a whole catalogue. */
public class RunQueries {
    public static void main(String[] args) throws Exception {
        Dataset dataset = RDFDataMgr.loadDataset(args[0]);
        for (int i = 1; i < args.length; i++) {
            Path query = Path.of(args[i]);
            String text = Files.readString(query);
            Path out = Path.of(args[i].replaceAll("\\.rq$", ".json"));
            try (QueryExecution execution = QueryExecutionFactory.create(QueryFactory.create(text), dataset);
                 OutputStream stream = new FileOutputStream(out.toFile())) {
                ResultSetFormatter.outputAsJSON(stream, execution.execSelect());
            }
        }
    }
}
