# Hawtio 4 has no runnable jar: run its war on Jetty 12 (EE10) and connect it to Bella's Jolokia endpoint.
FROM jetty:12.0.23-jdk17-eclipse-temurin
USER root
ADD https://repo1.maven.org/maven2/io/hawt/hawtio-default/4.2.0/hawtio-default-4.2.0.war /var/lib/jetty/webapps/hawtio.war
RUN chown jetty:jetty /var/lib/jetty/webapps/hawtio.war && java -jar "$JETTY_HOME/start.jar" --add-modules=ee10-deploy,ee10-jsp
USER jetty
