package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.DeploymentState;
import java.time.Instant;

/**
 * A deployment as stored: one design deployed to one target cluster. Deploying a new version of the design to
 * the same cluster moves the same deployment to that version (and prunes what the new version dropped).
 *
 * @param id            stable id derived from design id and cluster
 * @param designId      the design's id
 * @param designName    the design's name
 * @param designVersion the version deployed (or being deployed)
 * @param cluster       the target cluster's name (kube context or server URL)
 * @param state         where it stands
 * @param cause         why it failed or what was left over; {@code null} otherwise
 * @param createdAt     first deployed
 * @param updatedAt     last transition
 */
public record DeploymentRecord(
        String id,
        String designId,
        String designName,
        String designVersion,
        String cluster,
        DeploymentState state,
        String cause,
        Instant createdAt,
        Instant updatedAt) {}
