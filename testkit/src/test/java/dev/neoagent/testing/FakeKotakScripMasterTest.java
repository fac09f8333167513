package dev.neoagent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.KotakTestClient.Resp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeKotakScripMasterTest {
    private static final String FILE_PATHS = "/script-details/1.0/masterscrip/file-paths";

    private FakeKotakServer fake;
    private KotakTestClient client;
    private FakeUser user;

    @BeforeEach
    void start() {
        fake = FakeKotakServer.start();
        client = new KotakTestClient(fake);
        user = fake.addUser("AB123");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private List<String> filePaths(String host) {
        Resp resp = client.getWithKey(host + FILE_PATHS, user.consumerKey());
        assertThat(resp.status()).isEqualTo(200);
        JsonNode data = resp.json().get("data");
        assertThat(data.get("baseFolder").asText()).isEqualTo(fake.loginUrl() + "/wso2-scripmaster/v1/prod");
        List<String> paths = new ArrayList<>();
        data.get("filesPaths").forEach(p -> paths.add(p.asText()));
        return paths;
    }

    @Test
    void filePathsListsAllSegmentsInKotaksOrder() {
        String folder = fake.loginUrl() + "/wso2-scripmaster/v1/prod/" + LocalDate.now(ZoneId.of("Asia/Kolkata")) + "/";
        assertThat(filePaths(fake.baseUrl()))
                .containsExactly(
                        folder + "transformed/cde_fo.csv",
                        folder + "transformed/mcx_fo.csv",
                        folder + "transformed/nse_fo.csv",
                        folder + "transformed/bse_fo.csv",
                        folder + "transformed/nse_com.csv",
                        folder + "transformed-v1/bse_cm-v1.csv",
                        folder + "transformed-v1/nse_cm-v1.csv");
        assertThat(filePaths(fake.loginUrl())).hasSize(7);
    }

    @Test
    void filePathsNeedTheConsumerKey() {
        assertThat(client.getWithKey(fake.baseUrl() + FILE_PATHS, "nope").status())
                .isEqualTo(401);
    }

    @Test
    void downloadsWhatWasSetAndStreamsBigFiles() throws Exception {
        String csv = "pSymbol,pGroup,pExchSeg,pTrdSymbol,lLotSize\n" + "2885,EQ,nse_cm,RELIANCE-EQ,1\n";
        fake.setScripMasterFile("nse_cm-v1.csv", csv.getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[12 * 1024 * 1024];
        new Random(42).nextBytes(big);
        fake.setScripMasterFile("nse_fo.csv", big);

        List<String> paths = filePaths(fake.baseUrl());
        String cmUrl =
                paths.stream().filter(p -> p.contains("nse_cm")).findFirst().orElseThrow();
        Resp cm = client.getUrl(cmUrl);
        assertThat(cm.status()).isEqualTo(200);
        assertThat(cm.body()).isEqualTo(csv);

        String foUrl =
                paths.stream().filter(p -> p.contains("nse_fo")).findFirst().orElseThrow();
        // twice: every download must get the full content, not a drained buffer
        for (int i = 0; i < 2; i++) {
            try (Response response = client.http
                    .newCall(new Request.Builder().url(foUrl).build())
                    .execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.header("Content-Type")).startsWith("text/csv");
                assertThat(sha256(response))
                        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(big));
            }
        }
        // the CSV GETs needed no credentials
        assertThat(fake.requestsTo("nse_fo.csv").getFirst().header("Authorization"))
                .isNull();
    }

    @Test
    void unsetFilesAndOldFoldersAreNotServed() {
        List<String> paths = filePaths(fake.baseUrl());
        assertThat(client.getUrl(paths.get(0)).status()).isEqualTo(404);
        fake.setScripMasterFile("nse_fo.csv", "x".getBytes(StandardCharsets.UTF_8));
        String old = fake.loginUrl() + "/wso2-scripmaster/v1/prod/2020-01-01/transformed/nse_fo.csv";
        assertThat(client.getUrl(old).status()).isEqualTo(403);
        String wrongFolder = paths.get(2).replace("/transformed/", "/transformed-v1/");
        assertThat(client.getUrl(wrongFolder).status()).isEqualTo(404);
    }

    private static byte[] sha256(Response response) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = response.body().byteStream()) {
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = in.read(chunk)) > 0) {
                digest.update(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return digest.digest();
    }
}
