// The development data `npm run db:seed` writes; plain data so tests can import it.
const now = Date.now();
export const daysAgo = (d: number) => new Date(now - d * 86_400_000);

export const SEED_COMMENTS = [
  {
    id: "seed-c1",
    articleSlug: "posture-myths",
    authorName: "Rosa from Leeds",
    authorEmail: "rosa.seed@example.com",
    body: "The line about the best posture being the next one finally made sense of why my 'perfect' chair still hurt by 4 pm. I set a timer now.",
    createdAt: daysAgo(20),
  },
  {
    id: "seed-c2",
    articleSlug: "posture-myths",
    parentId: "seed-c1",
    authorName: "Dana Whitcombe",
    authorEmail: "dana.seed@example.com",
    body: "Glad it helped, Rosa! A timer is a great start; after a couple of weeks many people find they move without it.",
    createdAt: daysAgo(19),
  },
  {
    id: "seed-c3",
    articleSlug: "walking-for-low-back-pain",
    authorName: "Tom K.",
    authorEmail: "tom.seed@example.com",
    authorUrl: "https://tom.example.net",
    body: "Three five-minute walks a day got me through a bad week last month. Shorter and more often really is easier.",
    createdAt: daysAgo(10),
  },
  {
    id: "seed-c4",
    articleSlug: "when-to-see-a-doctor",
    authorName: "Meera",
    authorEmail: "meera.seed@example.com",
    body: "Thank you for the clear list. I printed the appointment checklist and my physio said it saved us ten minutes.",
    createdAt: daysAgo(5),
  },
];

export const SEED_SUBSCRIBERS = [
  { id: "seed-s1", email: "reader.one@example.com", firstName: "Alex" },
  { id: "seed-s2", email: "reader.two@example.com", firstName: "Sam" },
  { id: "seed-s3", email: "reader.three@example.com", firstName: null },
];
