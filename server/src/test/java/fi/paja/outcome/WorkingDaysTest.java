package fi.paja.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

  @Test
  void easterSundayIsComputedForKnownYears() {
    assertEquals(LocalDate.of(2024, 3, 31), WorkingDays.easterSunday(2024));
    assertEquals(LocalDate.of(2025, 4, 20), WorkingDays.easterSunday(2025));
    assertEquals(LocalDate.of(2026, 4, 5), WorkingDays.easterSunday(2026));
    assertEquals(LocalDate.of(2027, 3, 28), WorkingDays.easterSunday(2027));
  }

  @Test
  void finnishPublicHolidaysAreNotWorkingDays() {
    assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2026, 1, 6))); // loppiainen, Tuesday
    assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2026, 4, 3))); // pitkäperjantai
    assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2026, 4, 6))); // 2. pääsiäispäivä
    assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2026, 5, 1))); // vappu, Friday
    assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2026, 5, 14))); // helatorstai
    assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2026, 6, 19))); // juhannusaatto
    assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2026, 12, 24)));
    assertTrue(WorkingDays.isWorkingDay(LocalDate.of(2026, 6, 18)));
  }

  @Test
  void weekendsAreNotWorkingDays() {
    assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2026, 11, 28)));
    assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2026, 11, 29)));
    assertTrue(WorkingDays.isWorkingDay(LocalDate.of(2026, 11, 30)));
  }

  @Test
  void fiveWorkingDaysFromAWednesdayEndOnTheNextWednesday() {
    assertEquals(LocalDate.of(2026, 12, 2), WorkingDays.add(LocalDate.of(2026, 11, 25), 5));
  }

  @Test
  void fiveWorkingDaysSkipChristmas() {
    assertEquals(LocalDate.of(2026, 12, 31), WorkingDays.add(LocalDate.of(2026, 12, 22), 5));
  }

  @Test
  void fiveWorkingDaysSkipEaster() {
    // Thu 2 April 2026: Good Friday, the weekend and Easter Monday do not count.
    assertEquals(LocalDate.of(2026, 4, 13), WorkingDays.add(LocalDate.of(2026, 4, 2), 5));
  }
}
