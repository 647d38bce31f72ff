package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The integration-test server is configured twice: as Liberty bootstrap properties in the pom and as the system
 * properties file WildFly and Payara load. The suites expect the same settings on every server.
 */
class ItServerSettingsTest {

    @Test
    void everyServerGetsTheSameSettings() throws Exception {
        Map<String, String> liberty = libertyBootstrapProperties();
        liberty.remove("http.port"); // each server has its own way of setting ports

        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/test/server/it-server.properties"))) {
            file.load(reader);
        }
        Map<String, String> others = new TreeMap<>();
        file.stringPropertyNames().forEach(name -> others.put(name, file.getProperty(name)));

        assertThat(others).isNotEmpty().isEqualTo(liberty);
    }

    private static Map<String, String> libertyBootstrapProperties() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList lists = pom.getElementsByTagName("bootstrapProperties");
        assertThat(lists.getLength()).as("the pom's it-server-start bootstrapProperties").isEqualTo(1);
        Map<String, String> result = new TreeMap<>();
        NodeList children = lists.item(0).getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                Element property = (Element) children.item(i);
                result.put(property.getTagName(), property.getTextContent().trim());
            }
        }
        return result;
    }
}
