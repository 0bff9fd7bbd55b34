# Builds one Docket service from this repository: docker build --build-arg MODULE=command-service .
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
ARG MODULE
RUN ./mvnw -B -ntp -q -pl "${MODULE}" -am -DskipTests package \
 && cp "${MODULE}"/target/"${MODULE}"-*-exec.jar /service.jar

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 docket
COPY --from=build /service.jar /app/service.jar
USER docket
EXPOSE 8080 8081 8082 8083
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
