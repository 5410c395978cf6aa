export type FaqItem = { question: string; answer: string };

export const faqItems: FaqItem[] = [
  {
    question: "What does a machine learning engineer do on a typical day?",
    answer:
      "Much of the day goes to preparing data, training and validating models, and checking how models already in production are performing. ML engineers also spend real time alongside data scientists and developers, working out how to get models into live systems and keep them running well.",
  },
  {
    question: "How is a machine learning engineer different from a data scientist?",
    answer:
      "A data scientist mainly analyzes data to produce insights that guide decisions, with a lot of cleaning, visualizing and interpreting. A machine learning engineer mainly builds models that learn from data and is responsible for keeping them running reliably in production. The two roles overlap and often work side by side on the same team.",
  },
  {
    question: "How much do machine learning engineers earn?",
    answer:
      "Published US averages range from $112,806 per year (Indeed, undated) to about $128,000 (source not named), and Indeed put the average base salary at $125,672 in June 2022. Pay climbs with experience and location: Dice reports $200,000 or more in top tech hubs (undated). The figures differ because they come from different dates and methods, and our salary page lists each one with its source.",
  },
  {
    question: "Is demand for machine learning engineers growing?",
    answer:
      "Every measure the sources quote points upward. The U.S. Bureau of Labor Statistics projected growth of 22% (2020 to 2030), 21% (through 2031) and 29% (2022 to 2032) for computer and information research scientists, the category that includes ML engineers; the numbers differ because each comes from a different projection cycle. LinkedIn listed more than 52,000 open positions on February 13, 2024, and Indeed named the role its top job of 2022.",
  },
  {
    question: "How fast is the machine learning market growing?",
    answer:
      "Grand View Research valued the global machine learning market at $11.16 billion in 2020 and forecast a compound annual growth rate of 43.8% from 2021 to 2028, driven by AI adoption across many industries. That measures the market's value rather than jobs or pay, but it helps explain why so many sectors are hiring.",
  },
  {
    question: "Which programming languages should I learn?",
    answer:
      "Start with Python, which dominates machine learning work, and add SQL for working with data. R is popular for statistics and visualization, while Java, C++, Julia and MATLAB appear in specific settings such as large-scale systems, performance-heavy code and mathematical modeling.",
  },
  {
    question: "Which cloud platforms should I get to know for deployment?",
    answer:
      "The platforms named most often are AWS SageMaker, Google Cloud AI Platform and Microsoft's Azure Machine Learning, each of which takes a model from training through to a live service. IBM Watson Studio and TensorFlow Extended (TFX) are also used, especially for collaborative work and production pipelines.",
  },
  {
    question: "Do I need a degree, or can a bootcamp be enough?",
    answer:
      "Most ML engineering jobs ask for at least a bachelor's degree in computer science or a related field such as data science, mathematics or statistics, and some advanced roles want a master's or Ph.D. A bootcamp works best as a way to build practical, job-ready skills and a portfolio on top of that foundation. It is usually not a first tech job, so many people get there through a role in software engineering, data analysis or data science.",
  },
  {
    question: "Which certifications are worth considering?",
    answer:
      "The sources name Google's Professional Machine Learning Engineer certification, Google Cloud Certified Professional Cloud Architect, AWS Certified Machine Learning – Specialty, the TensorFlow Professional Certificate, and a Certified Machine Learning Specialist credential from the IAPP that covers ethics. Certifications change often, so check the issuer's site for the current version, and pick one that matches the platforms your target employers use.",
  },
  {
    question: "Who hires machine learning engineers?",
    answer:
      "Technology, healthcare, finance, retail, transportation and logistics, automotive, entertainment and government agencies all hire for the role. Google, Amazon, IBM, Microsoft and Facebook are named as frequent recruiters, and Glassdoor lists technology, finance and healthcare as the top-paying sectors.",
  },
  {
    question: "Where can the role lead after a few years?",
    answer:
      "Many engineers move up to lead machine learning engineer, machine learning manager and eventually chief data scientist. Others specialize as MLOps engineers, AI research scientists or AI consultants, or move across into data science or data engineering.",
  },
  {
    question: "Do I have to keep studying once I land the job?",
    answer:
      "Yes. Machine learning tools, methods and research change quickly, and skills that were current a few years ago can fall behind. Keeping up through workshops, webinars, conferences and new projects keeps you effective and employable.",
  },
];
