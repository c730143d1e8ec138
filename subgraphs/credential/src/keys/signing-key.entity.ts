import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A token-signing key pair; every replica signs with the newest and publishes all. */
@Entity('signing_key')
export class SigningKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid: string;

  /** PKCS#8 PEM. Never leaves this subgraph; no GraphQL type maps this table. */
  @Column({ type: 'text' })
  privateKeyPem: string;

  @CreateDateColumn()
  createdAt: Date;
}
